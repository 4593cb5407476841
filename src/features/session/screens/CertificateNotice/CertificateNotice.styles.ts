/** The certificate notice is laid out as a message (see Message.styles). */
export { messageStyles as certificateNoticeStyles } from '../../../../app/screens/Message/Message.styles';
